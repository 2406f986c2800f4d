/** The harness's condition waits live with the code-server helpers (scripts/lib), which `npm start` uses too. */
export { parseJson, waitFor, waitForFile, type WaitOptions } from '../../../scripts/lib/waitFor';
