import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { History } from './order-runs.ts';

/** Where recorded histories of representative runs are kept, committed with the code. */
export const HISTORIES_DIR = fileURLToPath(new URL('../../test-histories/', import.meta.url));

/**
 * File of a run's history. The input version is part of the name: histories of inputs older
 * than today's are never recorded again, so replay keeps covering workflows that still run.
 */
const fileOf = (workflow: string, scenario: string, inputVersion: number) =>
  `${HISTORIES_DIR}${workflow}.${scenario}.v${inputVersion}.json`;

export const isHistoryStored = (workflow: string, scenario: string, inputVersion: number) =>
  existsSync(fileOf(workflow, scenario, inputVersion));

/**
 * Worker and client identities name the host, and a failed activity's stack trace the paths of
 * its files; a stored history names nobody and no machine.
 */
function withoutIdentities(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdentities);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k === 'identity' && typeof v === 'string') return [k, 'history-recorder'];
      if (k === 'stackTrace' && typeof v === 'string') return [k, ''];
      return [k, withoutIdentities(v)];
    }),
  );
}

/** Stores a run's history as the Temporal CLI exports it, and returns the file. */
export async function storeHistory(
  workflow: string,
  scenario: string,
  inputVersion: number,
  history: History,
): Promise<string> {
  const file = fileOf(workflow, scenario, inputVersion);
  const json = withoutIdentities(JSON.parse(historyToJSON(history)));
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}

/** Every stored history, named by its file (replay reports errors under that name). */
export async function loadStoredHistories(): Promise<
  Array<{ workflowId: string; history: History }>
> {
  const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (f) => ({
      workflowId: f,
      history: historyFromJSON(JSON.parse(await readFile(`${HISTORIES_DIR}${f}`, 'utf8'))),
    })),
  );
}
