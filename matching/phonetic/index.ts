export { doubleMetaphone } from './doubleMetaphone';
export { consonantSkeleton, nameSoundKey, seaKey } from './seaKey';
