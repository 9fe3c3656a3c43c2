/**
 * A provider error carries the provider's own code; each provider renders it in its wire format at one catch point.
 * Problems of the simulator itself (bad configuration, unknown scenario) are SimulatorError, never a provider error.
 */
export class ProviderError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields some wire formats carry (e.g. OSS `EC`, `BucketName`). */
    readonly details: Record<string, string | number | undefined> = {},
    /** Extra response headers (e.g. `Retry-After`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export class SimulatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorError';
  }
}
