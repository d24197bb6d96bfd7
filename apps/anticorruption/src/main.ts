import 'reflect-metadata';
import { runService } from '@prosmed/messaging';
import { ANTICORRUPTION_SERVICE } from './service';

runService(ANTICORRUPTION_SERVICE);
