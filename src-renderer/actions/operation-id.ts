/** Client-chosen operation ids, so progress can be followed and cancelled before the reply. */

let counter = 0;

/** A fresh id matching the contract's pattern (letters, digits, '-' and '_', at most 64). */
export function newOperationId(prefix: string): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  const safePrefix = prefix.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 20);
  return `${safePrefix}-${Date.now().toString(36)}-${counter}-${random}`;
}
