import { loadSigningKey } from '../../graph/exports/signing';
import type { LeadSettings } from '../../graph/exports/store';
import { DEFAULT_LEAD_RULES } from '../../src/domain/leads';

/** The hub's lead policy and export settings as tests run them: two people approve, bundles signed in `dataDir`. */
export function testLeadSettings(dataDir: string): LeadSettings {
  return {
    rules: DEFAULT_LEAD_RULES,
    twoPersonRule: true,
    reviewDays: 180,
    signer: loadSigningKey(dataDir),
    issuer: 'Lantern test hub',
    redressContact: 'redress@hub.example',
  };
}
