/**
 * The IPC channels between the shell and its window, and the checks on every message that
 * arrives: who sent it, and whether its payload is a request the contract knows. Pure, so the
 * checks are unit-tested without Electron; ipc-wiring.ts applies them.
 */
import { API, type ApiMethod } from '../../src-shared/api';
import { describeIssues } from '../../src-shared/client-frames';
import { BerthError, type ErrorEnvelope } from '../../src-shared/errors';

/** The fixed channels. Requests use one channel per method, made by invokeChannel. */
export const IPC_CHANNELS = {
  /** Main → renderer: `{ event, payload }`, only after `ready`. */
  event: 'berth:event',
  /** Renderer → main, one-way: the page is listening. */
  ready: 'berth:ready',
  /** Main → renderer: show a page (ShellPage), e.g. after the tray's Settings item. */
  showPage: 'berth:show-page',
} as const;

/** The pages a show-page message may name; anything else is dropped by the preload. */
export const SHELL_PAGES = ['instances', 'settings'] as const;

const INVOKE_PREFIX = 'berth:invoke:';

/** Every method the window may call: the whole contract, derived, never listed by hand. */
export const INVOKABLE_METHODS = Object.keys(API) as ApiMethod[];

/** The request/response channel of one method, e.g. `berth:invoke:instances.list`. */
export function invokeChannel(method: ApiMethod): string {
  return `${INVOKE_PREFIX}${method}`;
}

/** True when `method` is one of the contract's methods (the preload checks before sending). */
export function isInvokableMethod(method: string): method is ApiMethod {
  return Object.hasOwn(API, method);
}

/** What the shell knows about a message's sender. */
export interface SenderFacts {
  /** The sending webContents' id. */
  webContentsId: number;
  /** The URL of the frame that sent it; a subframe or a navigated page has another. */
  frameUrl: string;
  /** Whether the sender is the top frame of its page. */
  isMainFrame: boolean;
}

/** What a sender must match: Berth's own window. */
export interface TrustedWindow {
  webContentsId: number | null;
  /** True for URLs that are the app's own page. */
  isAppUrl(url: string): boolean;
}

/**
 * Why a message from `sender` is refused, or null when it comes from Berth's window. Checking
 * the frame too means a page that navigated away (or an iframe) cannot reach the core.
 */
export function senderRefusal(sender: SenderFacts, trusted: TrustedWindow): string | null {
  if (trusted.webContentsId === null) return 'Berth has no window open';
  if (sender.webContentsId !== trusted.webContentsId) {
    return `webContents ${sender.webContentsId} is not Berth's window`;
  }
  if (!sender.isMainFrame) return 'messages from subframes are refused';
  if (!trusted.isAppUrl(sender.frameUrl)) return `${sender.frameUrl} is not Berth's page`;
  return null;
}

/**
 * Checks the params of one invoke against its method's request schema; the refusal is an
 * INVALID_INPUT envelope, the same the dispatcher gives, so the page handles both alike.
 */
export function checkParams(
  method: ApiMethod,
  params: unknown,
): { ok: true; params: unknown } | { ok: false; error: ErrorEnvelope } {
  const parsed = API[method].request.safeParse(params ?? {});
  if (parsed.success) return { ok: true, params: parsed.data };
  const why = describeIssues(parsed.error.issues);
  return { ok: false, error: invalid(`Invalid request for ${method}: ${why}`) };
}

/** The envelope for a method name the contract does not have. */
export function unknownMethodEnvelope(method: string): ErrorEnvelope {
  return invalid(`Unknown method "${method.slice(0, 100)}"`);
}

/** The envelope for a refused sender, so a refused call still settles. */
export function refusedSenderEnvelope(reason: string): ErrorEnvelope {
  return new BerthError('INVALID_INPUT', `IPC message refused: ${reason}`).toEnvelope();
}

function invalid(message: string): ErrorEnvelope {
  return new BerthError('INVALID_INPUT', message).toEnvelope();
}
