export { type AwsAccess, type AwsAccessOptions, type AwsClients, createAwsAccess } from "./access.js";
export { buildClient, type ClientMap, MAX_ATTEMPTS } from "./clients.js";
export { assumedRoleProvider, REFRESH_MARGIN_MS, ROLE_SESSION_NAME } from "./credentials.js";
export { configuredEndpoint, needsPathStyle } from "./endpoints.js";
export { type AwsErrorDescription, describeAwsError, toAwsAppError } from "./errors.js";
export {
  actionOf,
  assertReadOnly,
  iamActionFor,
  READ_ONLY_ACTIONS,
  ReadOnlyViolationError,
} from "./read-only.js";
