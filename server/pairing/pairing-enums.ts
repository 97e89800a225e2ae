import { registerEnumType } from 'type-graphql';

export enum PairingEndReason {
  LIFTED = 'LIFTED',
  OTHER = 'OTHER',
}

registerEnumType(PairingEndReason, {
  name: 'PairingEndReason',
  valuesConfig: {
    LIFTED: { description: '脱困: the family was lifted out of hardship' },
    OTHER: { description: 'Ended for another reason (see endNote)' },
  },
});
