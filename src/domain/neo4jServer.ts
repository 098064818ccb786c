import { z } from 'zod';

/** graph/server/lib/.lantern-stamp.json: the pom.xml the jars in lib/ were fetched for, and their names. */
export const Neo4jLibStamp = z.object({
  pomSha256: z.string(),
  jars: z.array(z.string()),
});
export type Neo4jLibStamp = z.infer<typeof Neo4jLibStamp>;
