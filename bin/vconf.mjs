#!/usr/bin/env node
// The `vconf` command. TypeScript sources run through tsx's loader: no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
await main(process.argv);
