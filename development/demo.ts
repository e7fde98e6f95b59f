import { createLogger } from '@fp/log';

const log = createLogger({ name: 'demo' });
log.info('the embedded demo pipeline lands with the card-transactions component');
