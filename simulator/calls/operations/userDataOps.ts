/** AttachUserData, UpdateUserData, DeleteUserDataPair, DeleteUserData: AttachedDataChanged to every agent on the call. */
import { notFound } from '../../errors';
import { renderUserData, attach, deleteKey, update } from '../userData';
import { key, requiredUserData } from '../params';
import { bodyParams, noParams, op, type Operation } from './types';

const userDataParams = bodyParams(requiredUserData, { userData: { Key: 'value' } });

export const userDataOperations = {
	AttachUserData: op(userDataParams, ({ engine, call }, data) => {
		attach(call.userData, data);
		engine.notifier.notifyAll(call, 'AttachedDataChanged');
	}),
	UpdateUserData: op(userDataParams, ({ engine, call }, data) => {
		update(call.userData, data);
		engine.notifier.notifyAll(call, 'AttachedDataChanged');
	}),
	DeleteUserDataPair: op(bodyParams(key, { key: '' }), ({ engine, call }, name) => {
		if (deleteKey(call.userData, name) === 0) {
			const keys = Object.keys(renderUserData(call.userData) ?? {});
			throw notFound(`User data key '${name}' is not on call ${call.id}; its keys: ${keys.length ? keys.join(', ') : '(none)'}`);
		}
		engine.notifier.notifyAll(call, 'AttachedDataChanged');
	}),
	/** Voice DeleteUserData takes no parameters and deletes all user data (docs/FIDELITY.md O9). */
	DeleteUserData: op(noParams, ({ engine, call }) => {
		call.userData.splice(0, call.userData.length);
		engine.notifier.notifyAll(call, 'AttachedDataChanged');
	}),
} satisfies Record<string, Operation>;
