export declare const SCRATCH_PREFIX: string;
export declare function scratchBase(): string | undefined;
