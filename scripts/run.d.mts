// Types for scripts/run.mjs, so tests can call the launcher's builder directly.
export interface Bundle {
  /** The folder of the bundle and its chunks. */
  dir: string;
  /** The bundled entry of the command. */
  file: string;
  /** True when this call built it, false when an up-to-date bundle was already there. */
  built: boolean;
}
export function ensureBundle(command: string, root?: string): Promise<Bundle>;
export class LaunchError extends Error {}
