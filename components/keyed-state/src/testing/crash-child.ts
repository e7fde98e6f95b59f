/**
 * Crash fixture for level-store.test.ts, run in a child process: commits checkpoint 1, writes more,
 * then SIGKILLs itself either before the second commit (`before-commit`) or while the second
 * commit's batch is in flight (`during-commit`). Usage: crash-child.ts <path> <mode>
 */
import { openLevelStore } from '../level-store';
import { CHECKPOINT_KEYS } from './crash-checkpoints';

const [path, mode] = process.argv.slice(2);
if (path === undefined || (mode !== 'before-commit' && mode !== 'during-commit')) {
  throw new Error('usage: crash-child.ts <path> before-commit|during-commit');
}

const store = await openLevelStore<{ checkpoint: number; i: number }>({ path });
for (let i = 0; i < CHECKPOINT_KEYS; i += 1) {
  store.put(`key-${i}`, { checkpoint: 1, i });
}
await store.commit({ checkpoint: '1', 'input-0': String(CHECKPOINT_KEYS) });

for (let i = 0; i < CHECKPOINT_KEYS * 2; i += 1) {
  store.put(`key-${i}`, { checkpoint: 2, i });
}
store.delete('key-0');
store.dirtyEntries();
if (mode === 'during-commit') {
  void store.commit({ checkpoint: '2', 'input-0': String(CHECKPOINT_KEYS * 2) });
  setImmediate(() => process.kill(process.pid, 'SIGKILL'));
} else {
  process.kill(process.pid, 'SIGKILL');
}
