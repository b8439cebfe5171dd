export * from './vehicle-category.ts';
export * from './validate-product.ts';
export * from './demo-catalogue.ts';
