export { loadDataset, datasetCounts, sizesFor, uid, uidJs } from './dataset';
export { renderReport, type Report } from './report';
