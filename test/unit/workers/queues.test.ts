import { UnrecoverableError } from 'bullmq';
import { type JobData, parseJobData, QUEUES } from '../../../workers/queues';

describe('job payloads', () => {
  it('hands a processor the payload its queue declares', () => {
    const job = { id: 'leads-1', data: { entityIds: ['ent_1'], reason: 'test' } };
    const data: JobData<'leads'> = parseJobData(QUEUES.leads, job);
    expect(data).toEqual({ entityIds: ['ent_1'], reason: 'test' });
    expect(parseJobData(QUEUES.ingest, { data: { reportId: 'rep_1', extra: true } })).toEqual({ reportId: 'rep_1' });
  });

  it('fails a malformed payload for good, naming the queue, the job and the field', () => {
    const parse = () => parseJobData(QUEUES.imports, { id: 'imports-imp_1', data: { reportId: 'rep_1' } });
    expect(parse).toThrow(UnrecoverableError);
    expect(parse).toThrow(/^imports job imports-imp_1 has a malformed payload: .*importId/s);
  });

  it('types each queue by its own payload', () => {
    // @ts-expect-error a report job is not a leads job
    const wrong: JobData<'leads'> = { reportId: 'rep_1' };
    expect(wrong).toBeDefined();
  });
});
