/** Reading the YAML or JSON files a user names (world configuration, fault plans): one error type, naming the file. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SimulatorError } from './errors.ts';

/** Reads a YAML or JSON file the user named; a problem becomes a SimulatorError naming the file. */
export function readDataFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SimulatorError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
  try {
    return parse(text);
  } catch (err) {
    throw new SimulatorError(`${what} ${path} is not valid YAML/JSON: ${(err as Error).message}`);
  }
}
