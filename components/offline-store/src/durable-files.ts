import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Flushes a file's bytes (or a directory's entries) to the disk, so a crash after this keeps them. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes a finished temporary file durable under its final name: fsync the file, rename it (atomic
 * on one file system), fsync the directory so the rename itself survives a crash.
 */
export async function publishFile(temporaryPath: string, finalPath: string): Promise<void> {
  await fsyncPath(temporaryPath);
  await rename(temporaryPath, finalPath);
  await fsyncPath(dirname(finalPath));
}
