/** `vconf serve --config`: the bailian section is validated at load (simulator/config.ts), and the world it builds is checked. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../simulator/config.ts';
import { SimulatorError } from '../../simulator/core/errors.ts';
import { createSimulator } from '../../simulator/index.ts';
import { defaultBailianOptions } from '../../simulator/bailian/options.ts';

describe('bailian configuration', () => {
  it('accepts every documented switch with its default value (simulator/bailian/options.ts)', () => {
    const { uploadBaseUrl: _unset, ...defaults } = defaultBailianOptions();
    expect(parseConfig({ bailian: defaults }).bailian).toEqual(defaults);
  });

  it('refuses unknown fields and values outside the documented choices, naming the field', () => {
    expect(() => parseConfig({ bailian: { throttleStatus: 500 } })).toThrow(/bailian\.throttleStatus/);
    expect(() => parseConfig({ bailian: { deleteFilesAlreadyDeleted: 'GONE' } })).toThrow(/bailian\.deleteFilesAlreadyDeleted/);
    expect(() => parseConfig({ bailian: { parseTime: 1 } })).toThrow(/"parseTime"/);
    expect(() => parseConfig({ bailian: { accounts: [{ id: 'abc', workspaces: [], accessKeys: [{ id: 'a', secret: 'b' }] }] } })).toThrow(/id/);
  });

  it('a workspace configured for two accounts is a simulator configuration error, not a provider error (STYLE: SimulatorError)', () => {
    expect(() =>
      createSimulator({
        bailian: {
          accounts: [
            { id: '1', workspaces: ['shared'], accessKeys: [{ id: 'a', secret: 'a' }] },
            { id: '2', workspaces: ['shared'], accessKeys: [{ id: 'b', secret: 'b' }] },
          ],
        },
      }),
    ).toThrow(SimulatorError);
  });

  it('the default world is access key test/test in workspace llm-simulator (issue 4 §3)', () => {
    const sim = createSimulator();
    try {
      expect(sim.bailian.options.accounts[0]).toEqual({ id: '1234567890', workspaces: ['llm-simulator'], accessKeys: [{ id: 'test', secret: 'test' }] });
      expect(sim.bailian.state.workspace('llm-simulator')?.accountId).toBe('1234567890');
    } finally {
      void sim.close();
    }
  });
});
