/** Types for the two `natural` modules the matcher imports by path (the package root pulls in dotenv). */
declare module 'natural/lib/natural/distance/jaro-winkler_distance' {
  function jaroWinkler(a: string, b: string, options?: { ignoreCase?: boolean }): number;
  export = jaroWinkler;
}

declare module 'natural/lib/natural/phonetics/double_metaphone' {
  class DoubleMetaphone {
    process(token: string, maxLength?: number): [string, string];
  }
  export = DoubleMetaphone;
}
