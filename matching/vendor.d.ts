/** Types for the `natural` module the matcher imports by path (the package root pulls in dotenv). */
declare module 'natural/lib/natural/phonetics/double_metaphone' {
  class DoubleMetaphone {
    process(token: string, maxLength?: number): [string, string];
  }
  export = DoubleMetaphone;
}
