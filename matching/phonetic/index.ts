export { doubleMetaphone } from './doubleMetaphone';
export { consonantSkeleton, seaKey } from './seaKey';
