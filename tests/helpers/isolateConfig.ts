/**
 * Jest setup (jest.config.js setupFilesAfterEnv): each test file gets its own per-user config folder
 * (PLAN_BUDGET_CONFIG_DIR, src/cli/secret.ts), so `generate` in a test never writes the secretariat
 * secret into the real home folder, and no test depends on one left by another.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const dir = mkdtempSync(join(tmpdir(), 'pb-config-'));
process.env.PLAN_BUDGET_CONFIG_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
