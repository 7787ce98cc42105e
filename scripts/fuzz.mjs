// npm run test:fuzz — the property tests (the engine's, undo's) with many more runs (FUZZ_RUNS, default 3000)
// and a fresh random seed unless FUZZ_SEED is given; the seed is printed so a failure can be replayed.
import { spawnSync } from "child_process";

const runs = process.env.FUZZ_RUNS ?? "3000";
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: ${runs} runs, seed ${seed} (replay with FUZZ_SEED=${seed})`);
const r = spawnSync(process.execPath, ["node_modules/jest/bin/jest.js", "test/property.test.ts", "test/undoProperty.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
process.exit(r.status ?? 1);
