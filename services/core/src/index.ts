export {
  MAX_BODY_LENGTH,
  PREVIEW_LENGTH,
  escapeHtml,
  inlineImageIds,
  markupSegments,
  plainText,
  previewText,
  renderMarkup,
  type ImageBlock,
  type InlineToken,
  type MarkupBlock,
  type MarkupOptions,
  type MarkupSegment,
} from './markup.js';
export { parseMarkup, type EmphasisTag } from './markup-parser.js';
export { scanAutolink, type AutolinkScan } from './markup-autolink.js';
export * from './macros.js';
export { MAX_BUCKET_RANGE, bucketOf, bucketsDescending, isBucket, nextBucket, previousBucket } from './buckets.js';
export {
  actionsOutcomes,
  conversationActions,
  conversationStatuses,
  transition,
  type ActionsOutcome,
  type ConversationAction,
  type ConversationEvent,
  type ConversationStatus,
  type TransitionContext,
  type TransitionErrorCode,
  type TransitionResult,
} from './conversation-state.js';
export * from './visibility.js';
export * from './statistics-scope.js';
export * from './message-rules.js';
export * from './access.js';
export * from './mentions.js';
export { shardOf } from './delivery-shards.js';
export * from './snooze.js';
export * from './business-hours.js';
export { localDateParts, zonedWallTimeToInstant, type LocalDate, type LocalDateParts, type WallTime } from './zoned-time.js';
export * from './assignment.js';
export * from './password-policy.js';
