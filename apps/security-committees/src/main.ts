import 'reflect-metadata';
import { runService } from '@prosmed/messaging';
import { SECURITY_SERVICE } from './service';

runService(SECURITY_SERVICE);
