/**
 * Must be imported before anything that builds a zod schema. zod probes `new Function` when an object schema is
 * created, to compile faster parsers; the webview's CSP forbids eval, so the probe is reported as a policy
 * violation. In jitless mode zod skips the probe and interprets, which is plenty fast for these messages.
 */
import { z } from 'zod';

z.config({ jitless: true });
