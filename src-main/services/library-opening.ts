import { dispatch, isRequestName, type Handlers, type Reply, type RequestName } from '../../core/contract.ts';
import type { OpeningState } from '../../core/start-answers.ts';
import type { AppServices } from './app-services.ts';
import { EventBus } from './event-bus.ts';

/**
 * A library that is still opening: an older one is backed up, then updated, before the services exist
 * (library-backup.ts; ~40 s at 10,000 scans). The hosts serve a page meanwhile that says how far it is (index-page.ts),
 * and refuse every other request with OPENING_REASON, until `services` is set and `library.opened` told.
 */
export interface OpeningLibrary {
  /** The bus the services will tell their events on: the page's socket listens to it from the start. */
  readonly events: EventBus;
  /** The services once the library is open, else null. */
  services(): AppServices | null;
  /** What a page served now shows. */
  state(): OpeningState;
  /** The services, once open; rejects with what stopped the library from opening. */
  readonly ready: Promise<AppServices>;
}

/** The one-line answer to a request that needs the library before it is open. */
export const OPENING_REASON = 'the library is not open yet: it is being backed up and updated to this version; try again once it is open';

/**
 * The requests answered before the library is open, as any other through the contract's dispatch: only whether it is
 * open (no), which the waiting page asks in case the library opened before it listened. Every other is refused
 * (openingReply): it needs the library.
 */
const WHILE_OPENING = { 'library.isOpen': () => ({ open: false }) } satisfies Partial<Handlers>;

export function answeredWhileOpening(name: unknown): name is keyof typeof WHILE_OPENING {
  return typeof name === 'string' && Object.hasOwn(WHILE_OPENING, name);
}

/** The contract's answer to a request made before the library is open: see WHILE_OPENING. */
export function dispatchWhileOpening(name: unknown, params: unknown): Promise<Reply<RequestName>> {
  if (!answeredWhileOpening(name)) return Promise.resolve(openingReply(name));
  // Only the requests in WHILE_OPENING reach dispatch here.
  return dispatch(WHILE_OPENING as Partial<Handlers> as Handlers, name, params);
}

/** The contract's reply to a request made before the library is open (Electron's IPC; the browser host sends it with a 503). */
export function openingReply(name: unknown): { ok: false; error: string } {
  return { ok: false, error: `${isRequestName(name) ? name : 'request'}: ${OPENING_REASON}` };
}

/**
 * Opens the services with `open`, on `events`. A library that needs no update resolves as before, with the services
 * (the hosts' start is the same as ever: issue #12's cold start). One that needs a backup first resolves as soon as the
 * backup starts (its first `library.backup`, told before the copy's first step) with an OpeningLibrary, so the host
 * can show it; `library.opened` follows on the bus once it is open, or could not be.
 */
export function openOrHold(
  events: EventBus,
  open: (events: EventBus) => Promise<AppServices>,
): Promise<{ services: AppServices } | { opening: OpeningLibrary }> {
  let services: AppServices | null = null;
  let backup: OpeningState['backup'] = null;
  let error: string | null = null;
  let holding = false;
  // Settled by the open below; the first backup event comes from inside open() itself, before it returns.
  const ready = Promise.withResolvers<AppServices>();
  // Whoever holds the OpeningLibrary handles its failure; before that, the promise below rejects instead.
  ready.promise.catch(() => {});
  return new Promise((resolve, reject) => {
    const unsubscribe = events.subscribe((event, payload) => {
      if (event !== 'library.backup') return;
      backup = payload as OpeningState['backup'];
      if (holding) return;
      holding = true;
      resolve({ opening: { events, services: () => services, state: () => (error === null ? { backup } : { backup, error }), ready: ready.promise } });
    });
    open(events).then(
      (opened) => {
        unsubscribe();
        services = opened;
        ready.resolve(opened);
        if (holding) events.emit('library.opened', { error: null });
        else resolve({ services: opened });
      },
      (err: unknown) => {
        unsubscribe();
        ready.reject(err);
        error = String((err as Error).message).split('\n')[0]!;
        if (holding) events.emit('library.opened', { error });
        else reject(err);
      },
    );
  });
}
