import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemberIdFile } from './member-id-file';

describe('member id file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'member-id-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('remembers nothing on a first start', () => {
    expect(createMemberIdFile(join(dir, 'none', 'member-id')).load()).toBeUndefined();
  });

  it('gives a later process the id an earlier one saved, creating the directory', () => {
    const path = join(dir, 'app', 'member-id');
    createMemberIdFile(path).save('consumer-1-abc');
    expect(readFileSync(path, 'utf8')).toBe('consumer-1-abc\n');
    expect(createMemberIdFile(path).load()).toBe('consumer-1-abc');
  });

  it('forgets the id after a graceful leave', () => {
    const path = join(dir, 'app', 'member-id');
    const file = createMemberIdFile(path);
    file.save('consumer-1-abc');
    file.forget();
    expect(existsSync(path)).toBe(false);
    expect(createMemberIdFile(path).load()).toBeUndefined();
  });
});
