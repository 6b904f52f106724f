// Kept in step with package.json by a unit test; a literal keeps `stack --version` free of I/O.
export const VERSION = "0.1.0";
