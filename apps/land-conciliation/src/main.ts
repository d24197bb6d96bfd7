import 'reflect-metadata';
import { runService } from '@prosmed/messaging';
import { LAND_SERVICE } from './service';

runService(LAND_SERVICE);
