// excelts publishes its zip module as the subpath export "@cj-tech-master/excelts/archive"; this
// project resolves types the node10 way (no "exports"), so point the subpath at its declarations.
// (Runtime resolution — Node, jest, webpack, tsx — uses the package's exports as usual.)
declare module '@cj-tech-master/excelts/archive' {
  export * from '@cj-tech-master/excelts/dist/types/modules/archive/index';
}
