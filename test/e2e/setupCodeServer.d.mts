// Types of setupCodeServer.mjs (plain Node so a fresh machine can run it before any build).
export declare const NODE_PACKAGE: string;
export declare const CODE_SERVER_VERSION: string;
export declare const CHROMIUM_PATH: string;
export declare const repoRoot: string;
export declare const e2eDir: string;
export declare const node24Home: string;
export declare const node24: string;
export declare const codeServerEntry: string;
export declare function ensureDebianPackages(): void;
export declare function ensureNode24(): string;
export declare function ensureCodeServer(): string;
export declare function ensureE2eHost(): { node24: string; codeServerEntry: string; chromium: string };
export declare function installExtensionFolder(extensionsDir: string): string;
