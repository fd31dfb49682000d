/** A failure the user can fix (bad config, unwritable output): printed as one line, exit 2. */
export class UserError extends Error {}
