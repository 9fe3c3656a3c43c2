/** Re-export: the interception contract lives with the engine (it knows no HTTP). */
export * from '../engine/interception.ts';
