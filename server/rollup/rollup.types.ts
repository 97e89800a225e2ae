import { Field, Int, ObjectType } from 'type-graphql';
import { HardshipCause } from '../hardship/hardship-enums';
import type { Org } from '../org/org.entity';

@ObjectType()
export class CauseCount {
  @Field(() => HardshipCause)
  cause!: HardshipCause;

  @Field(() => Int, { description: 'Workers whose open archive names this cause (an archive may name several).' })
  workers!: number;
}

@ObjectType({ description: 'Counts of hardship workers by the cohorts and education the reports use.' })
export class HardshipStats {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  menUnder50!: number;

  @Field(() => Int)
  men50AndOver!: number;

  @Field(() => Int)
  womenUnder40!: number;

  @Field(() => Int, { description: '"4050" women: 40 and over' })
  women40AndOver!: number;

  @Field(() => Int, { description: '初中以下' })
  juniorHighOrBelow!: number;

  @Field(() => Int, { description: '高中' })
  highSchool!: number;

  @Field(() => Int, { description: '大专以上' })
  collegeOrAbove!: number;

  @Field(() => [CauseCount], { description: 'By cause of hardship, every cause listed.' })
  byCause!: CauseCount[];
}

@ObjectType()
export class WorkerStats {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  members!: number;

  @Field(() => Int)
  migrantWorkers!: number;

  @Field(() => Int)
  modelWorkers!: number;

  @Field(() => HardshipStats, { description: 'Hardship workers, extreme ones included.' })
  hardship!: HardshipStats;

  @Field(() => HardshipStats)
  extremeHardship!: HardshipStats;
}

@ObjectType({ description: "The figures of an org's whole subtree, computed from the records." })
export class Rollup {
  // Internal: the org whose subtree this is; exposed by the resolver.
  subject!: Org;
}
