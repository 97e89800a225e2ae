import { Foundation1795518919256 } from './1795518919256-Foundation';
import { Funds1795523395179 } from './1795523395179-Funds';
import { FundsChecks1795525968181 } from './1795525968181-FundsChecks';
import { Harmonious1795526307201 } from './1795526307201-Harmonious';
import { HarmoniousChecks1795527344766 } from './1795527344766-HarmoniousChecks';
import { RollupCells1795540000000 } from './1795540000000-RollupCells';
import { RollupGeneration1795560000000 } from './1795560000000-RollupGeneration';
import { RootIds1795570000000 } from './1795570000000-RootIds';
import { BeneficiaryLookup1795580000000 } from './1795580000000-BeneficiaryLookup';
import { EncryptPersonalData1795590000000 } from './1795590000000-EncryptPersonalData';
import { SignInSafety1795600000000 } from './1795600000000-SignInSafety';
import { Imports1795610000000 } from './1795610000000-Imports';
// Every migration, in order. `npm run migration:generate -- Name` adds to this list.
export const migrations = [Foundation1795518919256, Funds1795523395179, FundsChecks1795525968181, Harmonious1795526307201, HarmoniousChecks1795527344766, RollupCells1795540000000, RollupGeneration1795560000000, RootIds1795570000000, BeneficiaryLookup1795580000000, EncryptPersonalData1795590000000, SignInSafety1795600000000, Imports1795610000000];
