// The few Web-standard globals the core uses. Every runtime the core serves (the VS Code
// extension host, VS Code for the Web, Node for tests and the command line) provides them;
// declaring them here keeps the core free of both DOM and Node typings.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare const console: {
  log(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};
