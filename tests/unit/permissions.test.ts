import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotationRights, canReadDocument, canSeeAnnotation, documentRights, hasRole, workspaceRights, type AnnotationFacts, type Role, type Standing } from '@/lib/domain/permissions';

const ROLES: Array<Role | null> = [null, 'VIEWER', 'COMMENTER', 'EDITOR', 'OWNER'];
const people = ['ana', 'ben'];
const standing: fc.Arbitrary<Standing> = fc.record({ userId: fc.constantFrom<string | null>(null, ...people), role: fc.constantFrom(...ROLES) }).map((drawn) => (drawn.userId ? drawn : { userId: null, role: null }));
const facts: fc.Arbitrary<AnnotationFacts> = fc.record({
  authorId: fc.constantFrom(...people),
  visibility: fc.constantFrom<'PRIVATE' | 'WORKSPACE'>('PRIVATE', 'WORKSPACE'),
  isReply: fc.boolean(),
  isDeleted: fc.boolean(),
  isHidden: fc.boolean(),
});
const document = fc.record({ isPublic: fc.boolean() });
const granted = (rights: Record<string, boolean>) => Object.keys(rights).filter((key) => rights[key]);

describe('the permission function', () => {
  it('gives a signed-out visitor public documents to read and nothing to do', () => {
    fc.assert(
      fc.property(document, facts, (doc, annotation) => {
        const visitor = { userId: null, role: null };
        expect(canReadDocument(visitor, doc)).toBe(doc.isPublic);
        expect(granted(annotationRights(visitor, doc, annotation))).toEqual([]);
        expect(granted(documentRights(visitor, doc))).toEqual([]);
        expect(granted(workspaceRights(visitor))).toEqual([]);
      }),
    );
  });

  it('offers a button only on an annotation the person can see, on a document they can read', () => {
    fc.assert(
      fc.property(standing, document, facts, (who, doc, annotation) => {
        if (granted(annotationRights(who, doc, annotation)).length > 0) {
          expect(canReadDocument(who, doc)).toBe(true);
          expect(canSeeAnnotation(who, annotation)).toBe(true);
        }
      }),
    );
  });

  it('never takes a right away as the role rises', () => {
    for (const userId of people)
      for (const [index, lower] of ROLES.entries())
        for (const higher of ROLES.slice(index))
          fc.assert(
            fc.property(document, facts, (doc, annotation) => {
              const before = granted(annotationRights({ userId, role: lower }, doc, annotation));
              const after = granted(annotationRights({ userId, role: higher }, doc, annotation));
              expect(after).toEqual(expect.arrayContaining(before));
              expect(granted(documentRights({ userId, role: higher }, doc))).toEqual(expect.arrayContaining(granted(documentRights({ userId, role: lower }, doc))));
            }),
          );
  });

  it('leaves a deleted or hidden annotation only to be deleted by its author', () => {
    fc.assert(
      fc.property(standing, document, facts, (who, doc, annotation) => {
        if (!annotation.isDeleted && !annotation.isHidden) return;
        const expected = !annotation.isDeleted && who.userId === annotation.authorId && canReadDocument(who, doc) ? ['canDelete'] : [];
        expect(granted(annotationRights(who, doc, annotation))).toEqual(expected);
      }),
    );
  });

  it('lets only editors and owners hide, and never their own annotations', () => {
    fc.assert(
      fc.property(standing, document, facts, (who, doc, annotation) => {
        if (annotationRights(who, doc, annotation).canHide) {
          expect(hasRole(who.role, 'EDITOR')).toBe(true);
          expect(annotation.authorId).not.toBe(who.userId);
          expect(annotation.visibility).toBe('WORKSPACE');
        }
      }),
    );
  });
});
