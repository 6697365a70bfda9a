/** The annotation data layer: views for the reader, creates, edits and removals, and re-anchoring on new versions. */
export { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
export type { AnnotationRights } from '@/lib/domain/permissions';
export { findAnnotationViews, findDocumentAnnotations, type AnnotationView, type DocumentAnnotations } from '@/lib/dal/annotations/views';
export {
  createAnnotation,
  createAnnotationFromSelectors,
  createPageNote,
  createSectionComment,
  replyToAnnotation,
  type CreatedAnnotation,
  type QuotedAnnotationInput,
  type StoredAnnotation,
} from '@/lib/dal/annotations/create';
export { deleteAnnotation, hideAnnotation, resolveThread, settleAnchor, updateAnnotation, type EditConflict } from '@/lib/dal/annotations/mutations';
export { createCitedPassage } from '@/lib/dal/annotations/cited-passage';
export { unsafeReanchorDocument, type ReanchorReport } from '@/lib/dal/annotations/reanchor';
