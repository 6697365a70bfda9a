// Lets server-only modules load under Vitest, which runs outside Next's react-server condition.
export {};
