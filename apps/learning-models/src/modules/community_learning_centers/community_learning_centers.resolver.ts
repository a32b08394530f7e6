import { Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { CommunityLearningCenter } from './community_learning_centers.entity';

@Resolver(() => CommunityLearningCenter)
export class CommunityLearningCenterResolver {
  constructor(private readonly ds: DataSource) {}

  @Query(() => [CommunityLearningCenter])
  communityLearningCenters(): Promise<CommunityLearningCenter[]> {
    return this.ds.getRepository(CommunityLearningCenter).find({ order: { name: 'ASC' }, take: 500 });
  }
}
