#!/usr/bin/env node
// The `cairn` command (`npx cairn …` from the repository, or on PATH after `npm link`):
// registers tsx, which the repository runs its TypeScript with, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
