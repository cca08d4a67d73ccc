export function runFeedEval(): void {}
