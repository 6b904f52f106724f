/** Exhaustiveness for discriminated unions; reaching it at run time is a bug, said so. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}; this is a bug in Stackform`);
}
