import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('emulator provisioning', () => {
  it('with no Java >= 21 to be found, exits non-zero with one line naming the cause and the fix', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/provision.mjs')], {
      encoding: 'utf8',
      env: { PATH: dirname(process.execPath), JAVA_HOME: '', PROVISION_JVM_ROOT: '/nonexistent-jvm-root', HOME: '/tmp' },
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no Java 21\+ found/);
    expect(lines[0]).toMatch(/JAVA_HOME/);
  });

  it('finds a Java >= 21 on this machine and prepares both emulator overrides or the cached jars', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/provision.mjs')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^JAVA_HOME=/m);
  });
});
