/** `cairn scorecard …`: balanced scorecards. */
import type { Command } from 'commander';
import { registerScorecardCompute } from './scorecard-compute';
import { registerScorecardFairness } from './scorecard-fairness';
import { registerScorecardShow } from './scorecard-show';

export function registerScorecard(program: Command): void {
  const scorecard = program.command('scorecard').description('balanced scorecards: compute, show, fairness');
  registerScorecardCompute(scorecard, program);
  registerScorecardShow(scorecard, program);
  registerScorecardFairness(scorecard, program);
}
