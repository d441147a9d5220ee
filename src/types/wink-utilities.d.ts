// wink-nlp declares its utilities under extensionless names, which NodeNext resolution never asks
// for; these re-export the package's own declarations under the paths Node actually loads.
declare module "wink-nlp/utilities/similarity.js" {
  export { default } from "wink-nlp/utilities/similarity";
}
declare module "wink-nlp/utilities/bm25-vectorizer.js" {
  export { default } from "wink-nlp/utilities/bm25-vectorizer";
}
