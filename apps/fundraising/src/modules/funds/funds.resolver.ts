import { Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Fund } from './funds.entity';

@Resolver(() => Fund)
export class FundResolver {
  constructor(private readonly ds: DataSource) {}

  @Query(() => [Fund])
  funds(): Promise<Fund[]> {
    return this.ds.getRepository(Fund).find({ order: { name: 'ASC' }, take: 500 });
  }
}
