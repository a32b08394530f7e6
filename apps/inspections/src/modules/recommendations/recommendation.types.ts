import { connectionType } from '@khg/platform';
import { Recommendation } from './recommendation.entity';

export const RecommendationConnection = connectionType(Recommendation, 'Recommendation', 'A page of recommendations, newest first.');
