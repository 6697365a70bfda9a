/** The API description: see document.ts. */
export { buildOpenApiDocument, UNDESCRIBED_ROUTES } from '@/lib/openapi/document';
