import { mkdirSync, writeFileSync } from 'node:fs';
import { writeCrashWorkload } from './crash-workload';
const dir = process.argv[2] as string;
mkdirSync(dir, { recursive: true });
const w = writeCrashWorkload(dir, {
  reps: 40,
  customers: 300,
  opportunities: 1000,
  orderLinesPerFile: 1500,
  orderLineFiles: 5,
  bigFile: 30000,
  cancelled: 300,
});
writeFileSync(`${dir}/setup.json`, JSON.stringify(w.setup.map((s) => ({ entity: s.entity, path: s.path }))));
writeFileSync(`${dir}/plan.json`, JSON.stringify(w.sequence.map((s) => ({ entity: s.entity, path: s.path }))));
